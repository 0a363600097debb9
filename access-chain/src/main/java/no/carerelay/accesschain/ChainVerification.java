package no.carerelay.accesschain;

import java.util.List;

/**
 * The result of walking a chain. A changed entry no longer matches its hash; a removed, inserted or reordered one
 * breaks the link to the previous hash; a truncated tail no longer matches the head (last hash and count). What a
 * walk cannot see is a rewrite of the whole chain together with its head.
 *
 * @param entries         how many chained entries were walked
 * @param firstBadEntryId the entry where the chain first breaks, or null when it is intact
 * @param problem         why it breaks there, or null
 */
public record ChainVerification(boolean intact, long entries, Long firstBadEntryId, String problem) {

    /** @param chain the chained entries in the order they were written (id order) */
    public static ChainVerification of(List<ChainLink> chain, ChainHead head) {
        String previous = ChainHash.GENESIS;
        for (ChainLink entry : chain) {
            if (!previous.equals(entry.prevHash())) {
                return new ChainVerification(false, chain.size(), entry.id(), "entry " + entry.id() + " does not follow the entry before it: "
                        + "an entry was removed, inserted or reordered");
            }
            if (!entry.matchesHash()) {
                return new ChainVerification(false, chain.size(), entry.id(), "entry " + entry.id() + " was changed after it was written");
            }
            previous = entry.hash();
        }
        if (!previous.equals(head.lastHash()) || chain.size() != head.entries()) {
            Long last = chain.isEmpty() ? null : chain.get(chain.size() - 1).id();
            return new ChainVerification(false, chain.size(), last, "the log ends at entry " + last + " after " + chain.size()
                    + " entries, but " + head.entries() + " were written, the last being " + head.lastId() + ": entries were removed from the end");
        }
        return new ChainVerification(true, chain.size(), null, null);
    }
}
