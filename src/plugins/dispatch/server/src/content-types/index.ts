import deletedRecord from './deleted-record';

/** 回收站记录: what a deleted workflow record was, until it is restored or its retention ends. */
export default { 'deleted-record': deletedRecord };
