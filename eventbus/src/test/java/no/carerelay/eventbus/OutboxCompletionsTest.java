package no.carerelay.eventbus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class OutboxCompletionsTest {

    /** One permit and a 2 s wait: a completion that queued for a permit of its own would time out. */
    private final ConnectionBudget budget = new ConnectionBudget(new FakeDatabase(), 1, 2_000);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final OutboxCompletions completions = new OutboxCompletions(1, () -> budget, meters);
    private final List<Integer> completed = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() {
        completions.close();
    }

    @Test
    void shouldMarkAQueuedBatchCompleteUnderOnePermit() throws InterruptedException {
        CountDownLatch ingestHoldsThePermit = new CountDownLatch(1);
        CountDownLatch ingestMayFinish = new CountDownLatch(1);
        Thread ingest = new Thread(() -> budget.holding(() -> {
            ingestHoldsThePermit.countDown();
            await(ingestMayFinish);
        }));
        ingest.start();
        ingestHoldsThePermit.await();

        CountDownLatch done = new CountDownLatch(100);
        for (int i = 0; i < 100; i++) {
            int event = i;
            // as Modulith does: each publication marked complete in a transaction of its own (REQUIRES_NEW)
            completions.execute(() -> {
                TransactionTemplate own = new TransactionTemplate(budget);
                own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
                own.executeWithoutResult(status -> completed.add(event));
                done.countDown();
            });
        }
        try {
            // taken by the worker or not, all 100 wait for the permit and are counted
            assertThat(meters.get("carerelay.outbox.completions.queued").gauge().value()).isEqualTo(100);
        } finally {
            ingestMayFinish.countDown();
        }

        assertThat(done.await(5, TimeUnit.SECONDS)).as("completions ran within the budget's wait").isTrue();
        assertThat(completed).hasSize(100);
        assertThat(settled()).as("nothing counted as waiting, the permit given back").isTrue();
    }

    @Test
    void shouldKeepCompletingAfterACallbackFails() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        completions.execute(() -> {
            throw new IllegalStateException("a broken callback");
        });
        completions.execute(() -> {
            completed.add(1);
            done.countDown();
        });

        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(completed).containsExactly(1);
        assertThat(settled()).as("nothing counted as waiting, the permit given back").isTrue();
    }

    /** The worker counts a completion and gives the permit back just after it ran. */
    private boolean settled() throws InterruptedException {
        for (int i = 0; i < 100 && (budget.available() == 0 || completions.queued() > 0); i++) {
            Thread.sleep(10);
        }
        return budget.available() == 1 && completions.queued() == 0;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
