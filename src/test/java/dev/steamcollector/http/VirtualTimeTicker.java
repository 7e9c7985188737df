package dev.steamcollector.http;

import java.util.PriorityQueue;

/**
 * Virtual time for a fixed set of threads: the clock stands still while any of them runs and jumps
 * to the earliest wake-up once all of them sleep, so a multi-threaded run is timed as if sleeps were
 * exact and work took no time.
 */
final class VirtualTimeTicker implements Ticker {

    private final PriorityQueue<Long> wakeUps = new PriorityQueue<>();
    private long now;
    private int running;

    /** {@code threads} threads will use this clock; each calls {@link #finished()} when done. */
    VirtualTimeTicker(int threads) {
        this.running = threads;
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(long nanos) throws InterruptedException {
        long wakeUp = now + Math.max(0, nanos);
        wakeUps.add(wakeUp);
        running--;
        advanceIfAllAsleep();
        while (now < wakeUp) {
            wait();
        }
        wakeUps.remove(wakeUp);
        running++;
    }

    synchronized void finished() {
        running--;
        advanceIfAllAsleep();
    }

    private void advanceIfAllAsleep() {
        if (running == 0 && !wakeUps.isEmpty()) {
            now = Math.max(now, wakeUps.peek());
            notifyAll();
        }
    }
}
