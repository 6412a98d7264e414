package dev.sluice.reference;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an {@link AppConfig} from a YAML file whose values may name the environment or a file, the
 * way a deployment keeps its secrets out of the file: {@code ${NAME}} is the environment variable
 * (an error when unset), {@code ${NAME:-default}} falls back to the default, {@code ${file:PATH}}
 * is the content of a file (a mounted Kubernetes Secret), trimmed. A value that resolves to the
 * empty string counts as absent, and so does a section whose values all are: one file serves
 * environments with and without a component.
 *
 * <p>Errors name the file and the dotted key ({@code app.yaml: lake.bucket is required},
 * {@code app.yaml: kafka.bootsrap is not a setting}); they never quote a resolved value.
 */
final class ConfigLoader {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(file:[^}]+|[^}:]+)(?::-([^}]*))?}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private final Function<String, String> env;

    /** @param env the environment: {@code System::getenv} in the app, a map's {@code get} in tests */
    ConfigLoader(Function<String, String> env) {
        this.env = env;
    }

    AppConfig load(Path file) {
        String name = file.getFileName().toString();
        JsonNode tree;
        try {
            tree = YAML.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(name + ": expected a mapping of settings at the top");
        }
        resolve((ObjectNode) tree, "", name);
        checkKeys(tree, AppConfig.class, "", name);
        try {
            return YAML.treeToValue(tree, AppConfig.class);
        } catch (JsonMappingException e) {
            throw new IllegalArgumentException(name + ": " + explain(e), e);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /** Replaces placeholders in every string value and drops the values that come out empty. */
    private void resolve(ObjectNode node, String path, String file) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<String> empty = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject()) {
                resolve((ObjectNode) v, key, file);
                if (v.isEmpty()) {
                    empty.add(f.getKey()); // every value of the section was absent: so is the section
                }
            } else if (v.isTextual()) {
                String resolved = substitute(v.asText(), key, file);
                if (resolved.isEmpty()) {
                    empty.add(f.getKey());
                } else {
                    f.setValue(TextNode.valueOf(resolved));
                }
            } else if (v.isArray()) {
                ArrayNode resolved = node.arrayNode();
                for (JsonNode item : v) {
                    String text = item.isTextual() ? substitute(item.asText(), key, file) : null;
                    if (text == null) {
                        resolved.add(item);
                    } else if (!text.isEmpty()) {
                        resolved.add(text);
                    }
                }
                if (resolved.isEmpty()) {
                    empty.add(f.getKey());
                } else {
                    f.setValue(resolved);
                }
            }
        }
        empty.forEach(node::remove);
    }

    private String substitute(String value, String key, String file) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1).trim();
            String resolved;
            if (ref.startsWith("file:")) {
                Path p = Path.of(ref.substring(5));
                try {
                    resolved = Files.readString(p).trim();
                } catch (IOException e) {
                    throw new IllegalArgumentException(file + ": " + key + ": cannot read " + p + ": " + e.getMessage(), e);
                }
            } else {
                resolved = env.apply(ref);
                if (resolved == null) {
                    if (m.group(2) == null) {
                        throw new IllegalArgumentException(file + ": " + key + ": environment variable " + ref + " is not set");
                    }
                    resolved = m.group(2);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every key must name a component of its record (a typo would otherwise surface as a missing key, or not at all). */
    private static void checkKeys(JsonNode node, Class<?> type, String path, String file) {
        if (!type.isRecord() || !node.isObject()) {
            return; // a free-form map (Kafka client settings) or a value: Jackson checks the value's type
        }
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            components.put(PropertyNamingStrategies.KebabCaseStrategy.INSTANCE.translate(c.getName()), c);
        }
        node.fieldNames().forEachRemaining(key -> {
            RecordComponent c = components.get(key);
            String dotted = path.isEmpty() ? key : path + "." + key;
            if (c == null) {
                throw new IllegalArgumentException(file + ": " + dotted + " is not a setting (known here: " + components.keySet() + ")");
            }
            checkKeys(node.get(key), c.getType(), dotted, file);
        });
    }

    /** Jackson's error as the dotted key and what is wrong, without Jackson's class names or the value. */
    private static String explain(JsonMappingException e) {
        if (e.getCause() instanceof IllegalArgumentException invalid) {
            return invalid.getMessage(); // a record's own check: it names its key
        }
        String key = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (e instanceof InvalidFormatException f) {
            return key + " is not a valid " + f.getTargetType().getSimpleName();
        }
        return key + ": " + e.getOriginalMessage();
    }
}
