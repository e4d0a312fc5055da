package lid.kernels;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Splits one kernel call over up to {@link #threads()} threads of a single shared pool sized to
 * the machine. Callers split work over <em>outputs</em> (each output element is written by one
 * part only, summed in a fixed order), so results do not depend on the thread count.
 *
 * <p>The calling thread runs part 0 itself; a call made from inside a pool worker runs
 * serially (no nested fan-out, so no deadlock).
 */
public final class Parallel {

    private static final int MACHINE_THREADS = Runtime.getRuntime().availableProcessors();
    private static final Parallel SERIAL = new Parallel(1);

    private final int threads;

    private Parallel(int threads) {
        this.threads = threads;
    }

    /** Runs everything on the calling thread. */
    public static Parallel serial() {
        return SERIAL;
    }

    /** Up to {@code threads} threads; 0 means one per available processor. */
    public static Parallel of(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all processors), got " + threads);
        }
        int t = threads == 0 ? MACHINE_THREADS : threads;
        return t == 1 ? SERIAL : new Parallel(t);
    }

    /** Processors the JVM sees. */
    public static int machineThreads() {
        return MACHINE_THREADS;
    }

    public int threads() {
        return threads;
    }

    /**
     * Runs body(0), ..., body(parts-1), spread over the threads, and returns when all are done.
     * Parts are claimed dynamically, so they should write disjoint outputs. The first exception
     * thrown by any part is rethrown here.
     */
    public void forEach(int parts, IntConsumer body) {
        if (parts <= 0) {
            return;
        }
        int helpers = Math.min(threads, parts) - 1;
        if (helpers == 0 || Pool.isWorker()) {
            for (int p = 0; p < parts; p++) {
                body.accept(p);
            }
            return;
        }
        Job job = new Job(parts, body, helpers);
        for (int h = 0; h < helpers; h++) {
            Pool.submit(job);
        }
        job.work();
        job.awaitHelpers();
    }

    /** One fan-out: parts claimed by an atomic counter; helpers count down when they leave. */
    private static final class Job implements Runnable {
        private final int parts;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger helpersLeft;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread owner = Thread.currentThread();

        Job(int parts, IntConsumer body, int helpers) {
            this.parts = parts;
            this.body = body;
            this.helpersLeft = new AtomicInteger(helpers);
        }

        @Override
        public void run() {
            work();
            if (helpersLeft.decrementAndGet() == 0) {
                java.util.concurrent.locks.LockSupport.unpark(owner);
            }
        }

        void work() {
            int p;
            while ((p = next.getAndIncrement()) < parts) {
                if (failure.get() != null) {
                    continue;
                }
                try {
                    body.accept(p);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        }

        void awaitHelpers() {
            // Spin briefly (parts usually finish together), then park.
            for (int spin = 0; helpersLeft.get() != 0 && spin < 20_000; spin++) {
                Thread.onSpinWait();
            }
            while (helpersLeft.get() != 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(this, 50_000L);
            }
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new RuntimeException(t);
            }
        }
    }

    /** The shared pool: MACHINE_THREADS - 1 daemon workers (the caller is the other one). */
    private static final class Pool {
        private static final BlockingQueue<Runnable> QUEUE = new ArrayBlockingQueue<>(4096);
        private static final ThreadLocal<Boolean> WORKER = ThreadLocal.withInitial(() -> false);

        static {
            int workers = Math.max(1, MACHINE_THREADS - 1);
            for (int i = 0; i < workers; i++) {
                Thread t = new Thread(Pool::loop, "lid-kernel-" + i);
                t.setDaemon(true);
                t.start();
            }
        }

        static boolean isWorker() {
            return WORKER.get();
        }

        static void submit(Runnable r) {
            try {
                QUEUE.put(r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while submitting kernel work", e);
            }
        }

        /**
         * Spin iterations before a worker blocks: kernel calls come in bursts microseconds apart.
         * Long spins cost other jobs on a busy machine their time slices (two 2-thread trainings on
         * 2 cores ran 4x slower); 20 000 fixed that but cost one job alone about 10 % of bench
         * train (57 vs 62-64 steps/s), so the default stays and -Dlid.pool.spins=20000 is the
         * setting for running several jobs at once.
         */
        private static final int SPINS = Integer.getInteger("lid.pool.spins", 200_000);

        private static void loop() {
            WORKER.set(true);
            while (true) {
                try {
                    Runnable r = QUEUE.poll();
                    for (int spin = 0; r == null && spin < SPINS; spin++) {
                        Thread.onSpinWait();
                        r = QUEUE.poll();
                    }
                    (r != null ? r : QUEUE.take()).run();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
