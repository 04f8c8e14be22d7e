import membership from './membership';

export default { membership };
