/**
 * A forked child process spoken to by request and reply over IPC: each request gets an id and
 * its reply is the next message carrying that id. The child runs with the parent's Node flags
 * (the tsx loader), so TypeScript entry points start as the bench itself does.
 */
import { fork, type ChildProcess } from 'node:child_process';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

export class Child<Request extends { id: number }, Reply extends { type: string; id?: number }> {
  readonly ready: Promise<Extract<Reply, { type: 'ready' }>>;
  private readonly process: ChildProcess;
  private readonly pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private exitError: Error | undefined;

  constructor(
    readonly name: string,
    file: URL,
    env: Record<string, string>,
  ) {
    this.process = fork(file, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    this.ready = new Promise((resolve, reject) => {
      this.process.on('message', (msg: Reply) => {
        if (msg.type === 'ready') resolve(msg as Extract<Reply, { type: 'ready' }>);
        else if (msg.id !== undefined) this.pending.get(msg.id)?.resolve(msg);
        if (msg.id !== undefined) this.pending.delete(msg.id);
      });
      this.process.on('exit', (code, signal) => {
        this.exitError = new Error(`${name} exited (${signal ?? code}) before answering`);
        reject(this.exitError);
        for (const p of this.pending.values()) p.reject(this.exitError);
        this.pending.clear();
      });
    });
    this.ready.catch(() => undefined);
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  ask(request: WithoutId<Request>): Promise<Reply> {
    if (this.exitError) return Promise.reject(this.exitError);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.process.send({ ...request, id });
    });
  }

  /** Ends the process for good (after a polite stop, or when it did not stop in time). */
  async kill(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.process.once('exit', () => resolve()));
    this.process.kill('SIGKILL');
    await exited;
  }
}
