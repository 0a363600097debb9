package no.carerelay.eventbus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.CannotCreateTransactionException;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Where the relay's acknowledgements run: Spring Modulith then marks each publication complete, in a transaction of
 * its own. The workers take what has queued up and run it under one {@link ConnectionBudget} permit. One permit per
 * completion put every completion in the budget's fair queue behind every ingest request: under load
 * patient-service completed about 10 events/s against 200/s sent, and 40,000 completions waited after five minutes.
 */
final class OutboxCompletions implements Executor, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxCompletions.class);
    static final int MAX_BATCH = 256;

    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    /** Queued plus taken by a worker and not yet run (a taken batch may still wait for its permit). */
    private final AtomicInteger waiting = new AtomicInteger();
    private final Supplier<ConnectionBudget> budget;
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean open = true;

    /** @param budget the application's budget, or null where transactions are not budgeted */
    OutboxCompletions(int threads, Supplier<ConnectionBudget> budget, MeterRegistry meters) {
        this.budget = budget;
        Gauge.builder("carerelay.outbox.completions.queued", waiting, AtomicInteger::get)
                .description("Events Kafka has acknowledged that wait to be marked complete in the outbox")
                .register(meters);
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(this::work, "outbox-completion-" + i);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
    }

    @Override
    public void execute(Runnable completion) {
        if (!open) {
            // the publication stays incomplete in the database and is resubmitted after restart
            throw new RejectedExecutionException("outbox completions are shut down");
        }
        waiting.incrementAndGet();
        queue.add(completion);
    }

    int queued() {
        return waiting.get();
    }

    private void work() {
        List<Runnable> batch = new ArrayList<>(MAX_BATCH);
        while (open || !queue.isEmpty()) {
            try {
                Runnable first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                runAll(batch);
            } catch (InterruptedException e) {
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void runAll(List<Runnable> batch) {
        ConnectionBudget permit = budget.get();
        if (permit == null) {
            batch.forEach(this::runQuietly);
            return;
        }
        while (true) {
            try {
                permit.holding(() -> batch.forEach(this::runQuietly));
                return;
            } catch (CannotCreateTransactionException e) {
                // every permit busy for the whole wait: the database is down or saturated; keep the batch and wait again
                log.warn("Outbox completions wait for a database connection ({} queued): {}", waiting.get(), e.getMessage());
                if (!open) {
                    return; // shutting down: the publications stay incomplete and are resubmitted after restart
                }
            }
        }
    }

    private void runQuietly(Runnable completion) {
        try {
            completion.run();
        } catch (RuntimeException e) {
            // CompletableFuture keeps its own failures; this is a bug in a callback, and must not stop the worker
            log.warn("An outbox completion failed; the publication stays incomplete and is resubmitted", e);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Finishes what is queued (bounded), then stops; anything left stays incomplete and is resubmitted. */
    @Override
    public void close() {
        open = false;
        for (Thread worker : workers) {
            try {
                worker.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
