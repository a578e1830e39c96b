// Names shared by the client files and package.json: settings section, commands, the LSP request.
export const SETTINGS_SECTION = 'exposureLint';
export const DIAGNOSTIC_SOURCE = 'exposure-lint';
export const COMMAND_LINT_WORKSPACE = 'exposureLint.lintWorkspace';
export const COMMAND_SHOW_OUTPUT = 'exposureLint.showOutput';
export const REQUEST_LINT_WORKSPACE = 'exposureLint/lintWorkspace';
export const COMMAND_SHOW_EXPOSURE_CHANGES = 'exposureLint.showExposureChanges';
/** Server request for the exposure report since a git revision (ExposureReportRequest in server/src/lsp/protocol.ts). */
export const REQUEST_EXPOSURE_REPORT = 'exposureLint/exposureReport';
/** URI scheme of the read-only report documents. */
export const REPORT_SCHEME = 'exposure-lint-report';
/** Opens a rule's page as shipped in the extension (rules/<id>/<id>.md): works offline. */
export const COMMAND_SHOW_RULE_DOC = 'exposureLint.showRuleDoc';
export const COMMAND_SHOW_MAP = 'exposureLint.showMap';
/** Server request for the exposure map of a document (MapRequest in server/src/lsp/map-request.ts). */
export const REQUEST_MAP = 'exposureLint/map';
/** The status bar item's menu: the extension's actions in a quick pick. */
export const COMMAND_STATUS_MENU = 'exposureLint.statusMenu';
