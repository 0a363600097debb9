package no.carerelay.devstack.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void shouldFindTheMetricsOfAnAggregationAndNotItsLabelsOrFunctions() {
        assertThat(PromQl.metricNames("max by (application, group, topic) (deriv(spring_cloud_stream_binder_kafka_offset[10m])) > 0"))
                .containsExactly("spring_cloud_stream_binder_kafka_offset");
    }

    @Test
    void shouldFindBothSidesOfABinaryExpressionAndIgnoreMatchersStringsAndOffsets() {
        assertThat(PromQl.metricNames("""
                sum by (municipality) (increase(carerelay_handover_answered_total{in_time="true", municipality=~"$municipality"}[1d]))
                  / on (municipality) group_left () sum(increase(carerelay_handover_escalated_total[1h] offset 1w)) or vector(0)"""))
                .containsExactly("carerelay_handover_answered_total", "carerelay_handover_escalated_total");
    }

    @Test
    void shouldIgnoreComments() {
        assertThat(PromQl.metricNames("""
                sum(carerelay_handover_open)
                  # no series a week ago (a fresh Prometheus): compare with 0
                  or vector(0)"""))
                .containsExactly("carerelay_handover_open");
    }

    @Test
    void shouldReadRecordingRuleNamesHistogramsAndGrafanaVariables() {
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le) (rate(http_server_requests_seconds_bucket{application=~\"$application\"}[$__rate_interval])))"))
                .containsExactly("http_server_requests_seconds_bucket");
        assertThat(PromQl.metricNames("carerelay:trajectory_leadtime_compliance:ratio < on () group_left () max(carerelay_trajectory_leadtime_target_ratio)"))
                .containsExactly("carerelay:trajectory_leadtime_compliance:ratio", "carerelay_trajectory_leadtime_target_ratio");
        assertThat(PromQl.metricNames("label_values(carerelay_handover_open, municipality)")).containsExactly("carerelay_handover_open");
        assertThat(PromQl.metricNames("topk(20, sum by (municipality) (carerelay_handover_cost_exposure_NOK)) * 1e3"))
                .containsExactly("carerelay_handover_cost_exposure_NOK");
    }
}
