package no.carerelay.accesschain;

/**
 * What the head row says about the chain: its last entry, that entry's hash, and how many entries were written.
 *
 * @param lastId null while the chain is empty
 */
public record ChainHead(Long lastId, String lastHash, long entries) {
}
