package no.carerelay.accesschain;

/** An access-log entry as the chain sees it; each service's entry record implements it. */
public interface ChainedEntry {

    long id();

    /** Null for an entry written before its log was chained. */
    String prevHash();

    String hash();

    /** Whether the stored hash is the one the entry's stored fields give. */
    boolean matchesHash();
}
