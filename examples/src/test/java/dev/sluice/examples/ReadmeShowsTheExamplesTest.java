package dev.sluice.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README's code is this project's code, so an example that stops compiling or passing fails {@code examples/check}.
 * A {@code <!-- examples/<path> -->} line above a fenced block means the block is that file, word for word (the pom
 * and the walk-through). {@code <!-- examples/<path>#snippet -->} above a {@code java} block means the block is the
 * file's import lines as written, a blank line, then the lines between {@code // snippet:start} and
 * {@code // snippet:end} without their common indentation: the rest of the file (a class, a method's parameters)
 * gives the snippet's names their types.
 */
class ReadmeShowsTheExamplesTest {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    /** Checks of this module (and of the snippets' click types), not examples: README does not show them. */
    private static final Set<String> CHECKS = Set.of("ReadmeShowsTheExamplesTest.java", "JavadocShowsTheExamplesTest.java",
            "ExamplesPomFollowsTheBuildTest.java", "EnrichClicksTest.java");
    /** The reader's own types that README's snippets take for granted (a payment, a click, their transforms): compiled, not shown. */
    private static final Set<String> CONTEXT = Set.of("Txn.java", "Validate.java", "Normalize.java",
            "ClickEvent.java", "EnrichedClick.java", "EnrichClicks.java");
    private static final Pattern SHOWN =
            Pattern.compile("<!-- (examples/[^\\s#]+)(#snippet)? -->\\n```(\\w*)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern JAVA_BLOCK = Pattern.compile("^(.*)\\n```java\\n", Pattern.MULTILINE);
    private static final String START = "// snippet:start";
    private static final String END = "// snippet:end";

    private record Shown(String path, boolean snippet, String language, String text) {}

    @Test
    void everyFileTheReadmeShowsIsTheFileHereWordForWord() throws IOException {
        List<Shown> whole = shown().stream().filter(s -> !s.snippet()).toList();
        assertThat(whole).as("files README shows whole").isNotEmpty();
        for (Shown s : whole) {
            Path file = MODULE.getParent().resolve(s.path());
            assertThat(file).as("README names %s", s.path()).exists();
            assertThat(s.text()).as("README's copy of %s", s.path()).isEqualTo(Files.readString(file));
        }
    }

    @Test
    void everySnippetTheReadmeShowsIsTheImportsAndTheMarkedLinesOfItsFile() throws IOException {
        List<Shown> snippets = shown().stream().filter(Shown::snippet).toList();
        assertThat(snippets).as("snippets README shows").isNotEmpty();
        for (Shown s : snippets) {
            Path file = MODULE.getParent().resolve(s.path());
            assertThat(file).as("README names %s", s.path()).exists();
            assertThat(s.language()).as("the language of the block showing %s", s.path()).isEqualTo("java");
            assertThat(s.text()).as("README's snippet of %s", s.path()).isEqualTo(snippetOf(s.path(), Files.readString(file)));
        }
    }

    @Test
    void everyExampleFileIsShownInTheReadmeWholeOrAsItsSnippet() throws IOException {
        List<String> files;
        try (Stream<Path> walk = Files.walk(MODULE.resolve("src"))) {
            files = Stream.concat(Stream.of(MODULE.resolve("pom.xml")), walk.filter(Files::isRegularFile))
                    .filter(p -> !CHECKS.contains(p.getFileName().toString()) && !CONTEXT.contains(p.getFileName().toString()))
                    .filter(p -> !p.getParent().getFileName().toString().equals("javadoc")) // JavadocShowsTheExamplesTest's
                    .map(p -> MODULE.getParent().relativize(p).toString()).sorted().toList();
        }
        List<String> shown = shown().stream().map(Shown::path).toList();
        assertThat(shown).as("example files README shows").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void everyJavaBlockInTheReadmeIsAnExampleFileOrASnippetOfOne() throws IOException {
        String readme = Files.readString(MODULE.getParent().resolve("README.md"));
        List<String> unchecked = new ArrayList<>();
        Matcher m = JAVA_BLOCK.matcher(readme);
        while (m.find()) {
            if (!m.group(1).matches("<!-- examples/\\S+ -->")) {
                unchecked.add("line " + (readme.substring(0, m.end(1)).split("\n", -1).length + 1));
            }
        }
        assertThat(unchecked).as("```java blocks of README with no <!-- examples/... --> line above").isEmpty();
    }

    /** The file's imports, a blank line, then the lines between the markers without their common indentation. */
    static String snippetOf(String name, String source) {
        String imports = source.lines().filter(l -> l.startsWith("import ")).map(l -> l + "\n").collect(Collectors.joining());
        return (imports.isEmpty() ? "" : imports + "\n") + snippetLines(name, source);
    }

    /** The lines between the file's markers without their common indentation. */
    static String snippetLines(String name, String source) {
        List<String> lines = source.lines().toList();
        List<Integer> starts = indexesOf(lines, START);
        List<Integer> ends = indexesOf(lines, END);
        assertThat(starts).as("lines '%s' in %s", START, name).hasSize(1);
        assertThat(ends).as("lines '%s' in %s", END, name).hasSize(1);
        assertThat(ends.get(0)).as("'%s' after '%s' in %s", END, START, name).isGreaterThan(starts.get(0));
        List<String> body = lines.subList(starts.get(0) + 1, ends.get(0));
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(ReadmeShowsTheExamplesTest::indentOf).min().orElse(0);
        return body.stream().map(l -> (l.isBlank() ? "" : l.substring(indent)) + "\n").collect(Collectors.joining());
    }

    private static List<Integer> indexesOf(List<String> lines, String marker) {
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(marker)) {
                at.add(i);
            }
        }
        return at;
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static List<Shown> shown() throws IOException {
        String readme = Files.readString(MODULE.getParent().resolve("README.md"));
        List<Shown> shown = new ArrayList<>();
        Matcher m = SHOWN.matcher(readme);
        while (m.find()) {
            shown.add(new Shown(m.group(1), m.group(2) != null, m.group(3), m.group(4)));
        }
        return shown;
    }
}
