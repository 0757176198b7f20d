// The cipher build has the same API as better-sqlite3 plus cipher pragmas; reuse its types.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database = require('better-sqlite3');
  export = Database;
}
