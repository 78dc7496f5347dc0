import cliProgress from 'cli-progress';

/** Plans above this size get a progress bar on a terminal (DONDOC_PROGRESS=1 forces it, =0 hides it). */
const BIG_PLAN_BYTES = 256 * 1024;

export interface StageProgress {
  stage(name: string): void;
  done(): void;
}

/** One step per stage of a long command (check, compile, write), on stderr so stdout stays clean. */
export function stageProgress(stages: number, inputBytes: number): StageProgress {
  const forced = process.env.DONDOC_PROGRESS;
  const enabled = forced === '1' || (forced !== '0' && process.stderr.isTTY && inputBytes >= BIG_PLAN_BYTES);
  if (!enabled) return { stage() {}, done() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {value}/{total} {stage}',
      noTTYOutput: forced === '1',
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );
  let step = 0;
  bar.start(stages, 0, { stage: '' });
  return {
    stage(name) {
      bar.update(step++, { stage: name });
      bar.render();
    },
    done() {
      bar.update(stages, { stage: 'xong / done' });
      bar.stop();
    },
  };
}
