package no.carerelay.accesschain;

/**
 * One entry of a chain as the verifier sees it.
 *
 * @param matchesHash whether the entry's stored hash is the one its stored fields give (the service recomputes it)
 */
public record ChainLink(long id, String prevHash, String hash, boolean matchesHash) {
}
