package no.carerelay.eventbus;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;

/**
 * Keeps the connection pool from deadlocking on the outbox. After a transaction that recorded events commits,
 * Spring Modulith marks the publications in a transaction of its own (REQUIRES_NEW) on the same thread, before
 * the committing thread has given its connection back: for a moment each such thread needs two connections. With
 * as many committing threads as the pool has connections, every one of them waits for a second connection that
 * none releases (seen under load: 32 concurrent ingest requests against 10 connections stalled for the pool's
 * whole timeout). So at most half the pool's size of threads may be inside a transaction at once; transactions
 * nested on the same thread (participating or REQUIRES_NEW) need no further permit.
 */
final class ConnectionBudget implements PlatformTransactionManager {

    private final PlatformTransactionManager delegate;
    private final Semaphore permits;
    private final long waitMillis;
    private final ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);

    ConnectionBudget(PlatformTransactionManager delegate, int concurrentTransactions, long waitMillis) {
        this.delegate = delegate;
        this.permits = new Semaphore(concurrentTransactions, true);
        this.waitMillis = waitMillis;
    }

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) throws TransactionException {
        int[] level = depth.get();
        if (level[0] == 0) {
            acquire();
        }
        level[0]++;
        try {
            return delegate.getTransaction(definition);
        } catch (RuntimeException | Error e) {
            leave(level);
            throw e;
        }
    }

    @Override
    public void commit(TransactionStatus status) throws TransactionException {
        int[] level = depth.get();
        try {
            delegate.commit(status); // returns after the after-completion callbacks: the outbox's marking included
        } finally {
            leave(level);
        }
    }

    @Override
    public void rollback(TransactionStatus status) throws TransactionException {
        int[] level = depth.get();
        try {
            delegate.rollback(status);
        } finally {
            leave(level);
        }
    }

    /**
     * Runs work that opens several transactions one after another (each REQUIRES_NEW, one connection at a time)
     * under a single permit, so it queues for the budget once rather than once per transaction.
     */
    void holding(Runnable work) {
        int[] level = depth.get();
        if (level[0] == 0) {
            acquire();
        }
        level[0]++;
        try {
            work.run();
        } finally {
            leave(level);
        }
    }

    int available() {
        return permits.availablePermits();
    }

    PlatformTransactionManager delegate() {
        return delegate;
    }

    private void acquire() {
        try {
            if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new CannotCreateTransactionException("no database connection to spare within " + waitMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CannotCreateTransactionException("interrupted while waiting for a database connection");
        }
    }

    private void leave(int[] level) {
        level[0]--;
        if (level[0] == 0) {
            permits.release();
            depth.remove();
        }
    }
}
