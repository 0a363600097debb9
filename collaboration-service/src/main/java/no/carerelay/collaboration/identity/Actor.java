package no.carerelay.collaboration.identity;

/**
 * Who is acting: a user id (a staff identifier from the caller's own system, never a national ID) and, for
 * municipal staff, the kommunenummer they act for.
 *
 * @param municipality null for users outside a municipality (e.g. a hospital pathway coordinator)
 */
public record Actor(String userId, String municipality) {
}
