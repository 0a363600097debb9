package no.carerelay.eventbus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/** A transaction manager whose effects (handler writes, inbox rows) become visible only on commit. */
final class FakeDatabase extends AbstractPlatformTransactionManager {

    final List<String> pending = new ArrayList<>();
    final List<String> committed = new ArrayList<>();
    final Set<UUID> inboxPending = new HashSet<>();
    final Set<UUID> inboxCommitted = new HashSet<>();
    int commits;
    int rollbacks;

    ProcessedEvents inbox() {
        return new ProcessedEvents(null) {
            @Override
            boolean markProcessed(String consumer, UUID eventId, String eventType) {
                return !inboxCommitted.contains(eventId) && inboxPending.add(eventId);
            }
        };
    }

    @Override
    protected Object doGetTransaction() {
        return new Object();
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        committed.addAll(pending);
        inboxCommitted.addAll(inboxPending);
        discard();
        commits++;
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        discard();
        rollbacks++;
    }

    private void discard() {
        pending.clear();
        inboxPending.clear();
    }
}
