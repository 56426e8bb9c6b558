package io.strata.tsdb.block;

import java.lang.foreign.Arena;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One shared {@link Arena} per block, holding its mapped files, with a reference count: the block
 * itself holds one reference and every open querier one more. The arena is closed (unmapping the
 * files) when the last reference goes, because closing a shared arena is expensive and must not
 * race with readers (Lucene's {@code RefCountedSharedArena}). Then an optional action runs, which
 * deletes the block's directory when the block was dropped by compaction or retention.
 */
final class RefCountedArena {
    private static final AtomicInteger LIVE = new AtomicInteger();

    private final Arena arena = Arena.ofShared();
    private final AtomicInteger refs = new AtomicInteger(1);
    private final AtomicReference<Runnable> afterClose = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    RefCountedArena() {
        LIVE.incrementAndGet();
    }

    Arena arena() {
        return arena;
    }

    /** Adds a reference unless the arena is already closed; false then. */
    boolean tryAcquire() {
        while (true) {
            int r = refs.get();
            if (r <= 0) {
                return false;
            }
            if (refs.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the arena and runs the after-close action. */
    void release() {
        int r = refs.decrementAndGet();
        if (r == 0) {
            try {
                arena.close();
            } finally {
                LIVE.decrementAndGet();
                closed.set(true);
                runAfterClose();
            }
        } else if (r < 0) {
            throw new IllegalStateException("BUG: block arena released more often than acquired");
        }
    }

    /** Runs {@code action} after the arena closes (at once if it already has). */
    void afterClose(Runnable action) {
        afterClose.set(action);
        if (closed.get()) {
            runAfterClose();
        }
    }

    /** Runs the action at most once, whichever of release and afterClose gets here last. */
    private void runAfterClose() {
        Runnable action = afterClose.getAndSet(null);
        if (action != null) {
            action.run();
        }
    }

    int references() {
        return refs.get();
    }

    /** Arenas of blocks opened by this process and not yet closed; tests use it to find leaks. */
    static int live() {
        return LIVE.get();
    }
}
