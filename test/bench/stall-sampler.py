# The stall diagnosis sampler (started by stall-diag.mjs with DIAG_SAMPLER_OUT): python3 stall-sampler.py <pid> <out file>.
# Samples the main thread of <pid> every ~2 ms from /proc and appends one line per episode over 15 ms:
# "<unix ms> blocked|runq|cpu <ms> ms <state> <syscall> run+<ms on CPU> wait+<ms runnable> <kernel stack>":
# blocked in a syscall other than epoll_wait (the stack says where), runnable but not running, or
# on a CPU throughout (a busy loop serving requests, or one long task). Ends when <pid> does.
import os, sys, time
pid = int(sys.argv[1]); out = open(sys.argv[2], 'a', buffering=1)
base = f'/proc/{pid}/task/{pid}'
NAMES = {0:'read',1:'write',2:'open',3:'close',4:'stat',5:'fstat',7:'poll',8:'lseek',9:'mmap',10:'mprotect',11:'munmap',17:'pread64',18:'pwrite64',20:'writev',21:'access',74:'fsync',75:'fdatasync',76:'truncate',77:'ftruncate',82:'rename',83:'mkdir',87:'unlink',202:'futex',232:'epoll_wait',257:'openat',262:'newfstatat',281:'epoll_pwait',316:'renameat2',332:'statx',295:'preadv',296:'pwritev',328:'pwritev2',327:'preadv2',28:'madvise',12:'brk',25:'mremap',230:'clock_nanosleep',35:'nanosleep',263:'unlinkat',258:'mkdirat'}
def rd(p):
    try:
        with open(p) as f: return f.read()
    except Exception: return None
ep = None  # current episode: [kind, start, detail, stack, run0, wait0]
prev = None
while True:
    st = rd(base + '/stat'); ss = rd(base + '/schedstat')
    if st is None or ss is None: break
    now = time.monotonic() * 1000
    state = st[st.rindex(')') + 2]
    run, wait = (int(x) / 1e6 for x in ss.split()[:2])
    kind = None; detail = ''
    if state in 'SD':
        sc = rd(base + '/syscall') or ''
        nr = sc.split()[0] if sc else '?'
        name = NAMES.get(int(nr), nr) if nr.lstrip('-').isdigit() else nr
        if name not in ('epoll_wait', 'epoll_pwait'):
            kind = 'blocked'; detail = f'{state} {name}'
    elif state == 'R' and prev is not None:
        if run - prev[0] < 0.3 * (now - prev[2]): kind = 'runq'
        else: kind = 'cpu'
    if ep and (kind != ep[0] or (kind == 'blocked' and detail != ep[2])):
        dur = now - ep[1]
        if dur > 15:
            out.write(f'{time.time()*1000 - (now - ep[1]):.0f} {ep[0]} {dur:.1f} ms {ep[2]} run+{run - ep[4]:.1f} wait+{wait - ep[5]:.1f} {ep[3]}\n')
        ep = None
    if kind and not ep:
        stack = ''
        if kind == 'blocked':
            s = rd(base + '/stack') or ''
            stack = '<' + ' < '.join(l.split('] ')[-1].split('+')[0] for l in s.strip().split('\n')[:8]) + '>'
        ep = [kind, now, detail, stack, run, wait]
    elif ep and kind == 'blocked' and not ep[3]:
        pass
    prev = (run, wait, now)
    time.sleep(0.002)
