import change from './change';

export default { change };
