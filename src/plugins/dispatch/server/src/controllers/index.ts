import exportControllers from './exports';
import figures from './figures';
import importControllers from './imports';

/** Controllers of every feature (each module maps controller names to factories). */
export default { ...figures, ...exportControllers, ...importControllers };
