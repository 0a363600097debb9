package no.carerelay.notification.delivery;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.stereotype.Component;

/**
 * Runs the dispatcher on one thread, now (after a commit that enqueued deliveries) or on the schedule,
 * never twice at once; a wake-up during a run makes the run go round once more.
 */
@Component
class DispatchTrigger implements AutoCloseable {

    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread worker = new Thread(runnable, "webhook-dispatch");
        worker.setDaemon(true);
        return worker;
    });
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile Runnable dispatch = () -> { };

    void onWake(Runnable dispatch) {
        this.dispatch = dispatch;
    }

    void wake() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            thread.execute(this::drain);
        }
    }

    private void drain() {
        try {
            while (again.getAndSet(false)) {
                dispatch.run();
            }
        } finally {
            running.set(false);
            if (again.get()) {
                wake();
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
