// Guard lists (the conditions an alternative holds under), combined the same way by every adapter: the model's joinWhen.
export { joinWhen } from '../../model/guards';
