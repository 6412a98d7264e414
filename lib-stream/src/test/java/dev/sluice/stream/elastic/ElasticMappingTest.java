package dev.sluice.stream.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class ElasticMappingTest {

    static final Schema EVENT = new Schema.Parser().parse("""
            {"type":"record","name":"Event","namespace":"t","fields":[
              {"name":"id","type":{"type":"string","logicalType":"uuid"}},
              {"name":"title","type":"string"},
              {"name":"country","type":["null","string"],"default":null},
              {"name":"count","type":"int"},
              {"name":"total","type":"long"},
              {"name":"ratio","type":"float"},
              {"name":"score","type":"double"},
              {"name":"ok","type":"boolean"},
              {"name":"at","type":{"type":"long","logicalType":"timestamp-micros"}},
              {"name":"day","type":{"type":"int","logicalType":"date"}},
              {"name":"price","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
              {"name":"blob","type":"bytes"},
              {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]}},
              {"name":"tags","type":{"type":"array","items":"string"}},
              {"name":"attrs","type":{"type":"map","values":"string"}},
              {"name":"either","type":["null","string","long"],"default":null},
              {"name":"address","type":{"type":"record","name":"Address","fields":[
                {"name":"street","type":"string"},{"name":"since","type":{"type":"long","logicalType":"timestamp-millis"}}]}}]}""");

    @Test
    void eachAvroTypeMapsToTheFieldTypeItsDocumentsAreWrittenAs() {
        JsonNode p = ElasticMapping.of(EVENT, Set.of("title", "address.street")).path("properties");

        assertThat(p.path("id").path("type").asText()).isEqualTo("keyword");
        assertThat(p.path("title").path("type").asText()).isEqualTo("text");
        assertThat(p.path("title").path("fields").path("keyword").path("type").asText()).isEqualTo("keyword");
        assertThat(p.path("country").path("type").asText()).as("a nullable string").isEqualTo("keyword");
        assertThat(p.path("country").path("ignore_above").asInt()).isEqualTo(8191);
        assertThat(p.path("count").path("type").asText()).isEqualTo("integer");
        assertThat(p.path("total").path("type").asText()).isEqualTo("long");
        assertThat(p.path("ratio").path("type").asText()).isEqualTo("float");
        assertThat(p.path("score").path("type").asText()).isEqualTo("double");
        assertThat(p.path("ok").path("type").asText()).isEqualTo("boolean");
        assertThat(p.path("at").path("type").asText()).isEqualTo("date");
        assertThat(p.path("at").path("format").asText()).isEqualTo(ElasticMapping.DATE_FORMAT);
        assertThat(p.path("day").path("type").asText()).isEqualTo("date");
        assertThat(p.path("price").path("type").asText()).isEqualTo("double");
        assertThat(p.path("blob").path("type").asText()).isEqualTo("binary");
        assertThat(p.path("kind").path("type").asText()).isEqualTo("keyword");
        assertThat(p.path("tags").path("type").asText()).as("an array maps as its items").isEqualTo("keyword");
        assertThat(p.path("attrs").path("dynamic").asBoolean()).isTrue();
        assertThat(p.has("either")).as("a wider union is left to dynamic mapping").isFalse();
        JsonNode address = p.path("address").path("properties");
        assertThat(address.path("street").path("type").asText()).as("text by its path").isEqualTo("text");
        assertThat(address.path("since").path("type").asText()).isEqualTo("date");
    }

    @Test
    void aRecursiveSchemaIsRefusedNamingTheRecord() {
        Schema node = new Schema.Parser().parse("""
                {"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]},{"name":"v","type":"int"}]}""");
        Schema wrapped = new Schema.Parser().parse("""
                {"type":"record","name":"Tree","fields":[{"name":"child","type":{"type":"record","name":"Leaf","fields":[
                  {"name":"parent","type":{"type":"array","items":"Leaf"}}]}}]}""");

        assertThatThrownBy(() -> ElasticMapping.of(node, Set.of())).as("a nullable self-reference is still a record inside itself")
                .hasMessageContaining("record Node contains itself");
        assertThatThrownBy(() -> ElasticMapping.of(wrapped, Set.of())).hasMessageContaining("record Leaf contains itself");
    }
}
