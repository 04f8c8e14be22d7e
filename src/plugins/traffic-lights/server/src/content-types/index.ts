import light from './light';
import lightChange from './light-change';
import rule from './rule';

export default { light, 'light-change': lightChange, rule };
