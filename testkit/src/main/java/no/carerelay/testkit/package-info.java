/**
 * Real infrastructure and test doubles for CareRelay's integration tests; a test-scoped dependency only.
 *
 * <p>A service IT points Spring at the JVM's shared broker and its own database:
 * <pre>{@code
 * @DynamicPropertySource
 * static void infrastructure(DynamicPropertyRegistry registry) {
 *     TestInfrastructure.springProperties("trajectory").forEach((name, value) -> registry.add(name, () -> value));
 * }
 * }</pre>
 * and asserts on topics with {@link no.carerelay.testkit.TestInfrastructure#kafkaClient()}. Without Docker the
 * broker is an embedded KRaft broker and PostgreSQL 17 runs as a child process; with Docker, Testcontainers
 * (override with {@code -Dcarerelay.testkit.infrastructure=embedded|testcontainers|auto}).
 *
 * <p>Also here: {@link no.carerelay.testkit.WebhookReceiver} (a municipality's webhook endpoint),
 * {@link no.carerelay.testkit.StandardWebhooks} (the reference verifier) and
 * {@link no.carerelay.testkit.SyntheticNationalIds} (Tenor-style synthetic fødselsnummer and D-numbers).
 */
package no.carerelay.testkit;
