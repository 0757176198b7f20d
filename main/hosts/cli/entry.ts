import { runCli } from './main';

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write('folio: an unexpected error stopped the command.\n');
    process.exitCode = 1;
  },
);
