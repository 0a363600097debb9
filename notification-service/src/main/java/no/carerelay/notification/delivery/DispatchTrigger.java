package no.carerelay.notification.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final List<Runnable> dispatchers = new CopyOnWriteArrayList<>();

    /** Adds a dispatcher (webhooks, e-mail and SMS) that runs on every wake-up. */
    void onWake(Runnable dispatch) {
        dispatchers.add(dispatch);
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
                dispatchers.forEach(Runnable::run);
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
