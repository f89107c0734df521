import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A live (not zombie) process: its pid and start identity (see `startIdentity`). */
export interface ProcessInfo {
  pid: number;
  start: string;
}

/**
 * What orphan recovery needs from the operating system; the real one reads /proc (Linux) or
 * `ps` (elsewhere), tests may fake it.
 */
export interface ProcessTable {
  /** The start identity of a live process, undefined when there is none (or it is a zombie). */
  identity(pid: number): string | undefined;
  /** The live members of a process group. */
  members(processGroup: number): ProcessInfo[];
  /** Signals a whole group (`kill(-pgid)`); false when it is gone or not ours to signal. */
  signal(processGroup: number, signal: NodeJS.Signals): boolean;
}

let bootId: string | undefined;

function linuxBootId(): string {
  bootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  return bootId;
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number | string): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

// Field numbers of proc(5) minus 3: the list starts at field 3 (state).
const STATE = 0;
const PGRP = 2;
const START_TIME = 19;

/**
 * The real process table. On Linux a start identity is `<boot id>:<start time in clock ticks>`
 * (/proc/<pid>/stat field 22): a pid reused after the recorded process ended — even across a
 * reboot — never has the same one. Elsewhere it is `ps:<start epoch seconds>` from `ps -o lstart`
 * (`platform` lets a test on Linux exercise that path too).
 */
export function systemProcessTable(platform: NodeJS.Platform = process.platform): ProcessTable {
  const linux = platform === 'linux';
  return {
    identity: (pid) => (linux ? linuxIdentity(pid) : psTable().find((p) => p.pid === pid)?.start),
    members: (group) =>
      linux
        ? linuxMembers(group)
        : psTable()
            .filter((p) => p.group === group)
            .map(({ pid, start }) => ({ pid, start })),
    signal: (group, signal) => {
      try {
        process.kill(-group, signal);
        return true;
      } catch {
        return false;
      }
    },
  };
}

/** The start identity of a live process on this machine (undefined: none, or a zombie). */
export function startIdentity(pid: number): string | undefined {
  return systemProcessTable().identity(pid);
}

function linuxIdentity(pid: number | string): string | undefined {
  const fields = statFields(pid);
  if (!fields || fields[STATE] === 'Z' || fields[START_TIME] === undefined) return undefined;
  return `${linuxBootId()}:${fields[START_TIME]}`;
}

function linuxMembers(group: number): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const fields = statFields(name);
    if (!fields || Number(fields[PGRP]) !== group || fields[STATE] === 'Z') continue;
    found.push({ pid: Number(name), start: `${linuxBootId()}:${fields[START_TIME] ?? ''}` });
  }
  return found;
}

function psTable(): (ProcessInfo & { group: number })[] {
  let out: string;
  try {
    out = execFileSync('ps', ['-A', '-o', 'pid=,pgid=,stat=,lstart='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  const rows: (ProcessInfo & { group: number })[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
    if (!m || (m[3] as string).startsWith('Z')) continue;
    const started = Date.parse(m[4] as string);
    if (Number.isNaN(started)) continue;
    rows.push({ pid: Number(m[1]), group: Number(m[2]), start: `ps:${Math.floor(started / 1000)}` });
  }
  return rows;
}

/**
 * Whether a process that has `start` may belong to a group whose leader had `recorded`: same boot,
 * started no earlier. Members of a group start after its leader; a process from before it cannot
 * be one of ours.
 */
export function startedSince(start: string, recorded: string): boolean {
  const [boot, at] = splitIdentity(start);
  const [recordedBoot, recordedAt] = splitIdentity(recorded);
  return boot === recordedBoot && at >= recordedAt;
}

function splitIdentity(identity: string): [string, number] {
  const i = identity.lastIndexOf(':');
  return [identity.slice(0, i), Number(identity.slice(i + 1))];
}
