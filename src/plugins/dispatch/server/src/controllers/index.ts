import exportControllers from './exports';
import figures from './figures';
import importControllers from './imports';
// 首席代表集中办公
import coWorking from './co-working';
// 回收站
import recycleBin from './recycle-bin';

/** Controllers of every feature (each module maps controller names to factories). */
export default { ...figures, ...exportControllers, ...importControllers, ...coWorking, ...recycleBin };
