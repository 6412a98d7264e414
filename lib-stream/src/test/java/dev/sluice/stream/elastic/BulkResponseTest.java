package dev.sluice.stream.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BulkResponseTest {

    static BulkResponse parse(String json) {
        return BulkResponse.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAnswerWithoutErrorsIsNotReadPastItsErrorsField() {
        // The items are cut off: a parser that read them would fail.
        BulkResponse r = parse("{\"took\":3,\"errors\":false,\"items\":[{\"index\":{\"_id\":\"1\",\"stat");

        assertThat(r.errors()).isFalse();
        assertThat(r.outcomes()).isEmpty();
    }

    @Test
    void eachItemsStatusTypeAndReasonWithItsRootCauseAreRead() {
        BulkResponse r = parse("""
                {"took":5,"errors":true,"items":[
                 {"index":{"_index":"c","_id":"1","_version":1,"result":"created","_shards":{"total":2},"status":201}},
                 {"index":{"_index":"c","_id":"2","status":400,"error":{"type":"mapper_parsing_exception",
                   "reason":"failed to parse field [code] of type [long]","caused_by":{"type":"illegal_argument_exception","reason":"For input string: \\"x\\""}}}},
                 {"index":{"_index":"c","_id":"3","status":429,"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"}}},
                 {"delete":{"_index":"c","_id":"4","result":"not_found","status":404}},
                 {"index":{"_index":"c","_id":"5","status":503,"error":"unavailable"}}]}""");

        assertThat(r.errors()).isTrue();
        assertThat(r.outcomes()).hasSize(5);
        assertThat(r.outcomes().get(0).succeeded(false)).isTrue();
        BulkResponse.ItemOutcome refused = r.outcomes().get(1);
        assertThat(refused.succeeded(false) || refused.retriable()).isFalse();
        assertThat(refused.describe()).isEqualTo("400 mapper_parsing_exception: failed to parse field [code] of type [long]"
                + " (caused by illegal_argument_exception: For input string: \"x\")");
        assertThat(r.outcomes().get(2).retriable()).isTrue();
        assertThat(r.outcomes().get(3).succeeded(true)).as("deleting a missing document is done").isTrue();
        assertThat(r.outcomes().get(3).succeeded(false)).isFalse();
        assertThat(r.outcomes().get(4).retriable()).isTrue();
        assertThat(r.outcomes().get(4).reason()).isEqualTo("unavailable");
    }

    @Test
    void anAnswerThatIsNotABulkAnswerIsAClearError() {
        assertThatThrownBy(() -> parse("[1,2]")).hasMessageContaining("unreadable _bulk answer");
    }
}
