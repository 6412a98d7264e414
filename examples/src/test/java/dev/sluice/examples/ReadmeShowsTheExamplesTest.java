package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README shows this project's pom and the walk-through's files whole, each under a {@code <!-- examples/... -->}
 * line naming it: the text there must be the file here, so an example that stops compiling or passing fails
 * {@code examples/check}.
 */
class ReadmeShowsTheExamplesTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    /** Checks of this module, not examples: README does not show them. */
    private static final Set<String> CHECKS = Set.of("ReadmeShowsTheExamplesTest.java", "ExamplesPomFollowsTheBuildTest.java");
    private static final Pattern SHOWN = Pattern.compile("<!-- (examples/\\S+) -->\\n```\\w*\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyFileTheReadmeShowsIsTheFileHereWordForWord() throws IOException {
        Map<String, String> shown = shownFiles();
        assertThat(shown).as("files README shows").isNotEmpty();
        for (Map.Entry<String, String> e : shown.entrySet()) {
            Path file = MODULE.getParent().resolve(e.getKey());
            assertThat(file).as("README names %s", e.getKey()).exists();
            assertThat(e.getValue()).as("README's copy of %s", e.getKey()).isEqualTo(Files.readString(file));
        }
    }

    @Test
    void everyExampleFileIsShownInTheReadme() throws IOException {
        Map<String, String> shown = shownFiles();
        List<String> files;
        try (Stream<Path> walk = Files.walk(MODULE.resolve("src"))) {
            files = Stream.concat(Stream.of(MODULE.resolve("pom.xml")), walk.filter(Files::isRegularFile))
                    .filter(p -> !CHECKS.contains(p.getFileName().toString()))
                    .map(p -> MODULE.getParent().relativize(p).toString()).sorted().toList();
        }
        assertThat(shown.keySet()).as("example files README shows").containsExactlyInAnyOrderElementsOf(files);
    }

    private static Map<String, String> shownFiles() throws IOException {
        String readme = Files.readString(MODULE.getParent().resolve("README.md"));
        Map<String, String> shown = new LinkedHashMap<>();
        Matcher m = SHOWN.matcher(readme);
        while (m.find()) {
            shown.put(m.group(1), m.group(2));
        }
        return shown;
    }
}
