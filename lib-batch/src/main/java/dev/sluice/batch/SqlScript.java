package dev.sluice.batch;

import dev.sluice.api.Require;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file of continuous queries, the streaming SQL that ksqlDB users write, on Spark SQL:
 * <pre>
 * script    := statement { ';' statement } [ ';' ]
 * statement := CREATE ( STREAM | TABLE ) name [ WITH '(' topic '=' 'quoted' ')' ] AS select
 * name      := [A-Za-z_][A-Za-z0-9_]*
 * select    := a Spark SQL SELECT over the registered streams and earlier STREAMs
 * </pre>
 * {@code --} and {@code /* *}{@code /} comments and quoted text ({@code '...'}, {@code "..."},
 * {@code `...`}) are honoured when the script is split at semicolons. Keywords are case-insensitive.
 * Refused, with the statement's number, line and column: any other statement ({@code INSERT},
 * {@code DROP}, ksqlDB's {@code CREATE STREAM ... WITH (KAFKA_TOPIC ...)} without a SELECT), a
 * missing name or {@code AS}, an option other than {@code topic}, a name or topic used twice. What
 * the SELECT means is checked against the streams by {@link StreamingSql#plan}, before anything starts.
 *
 * @param origin     what the script is called in messages (its file name)
 * @param statements the statements in order
 */
public record SqlScript(String origin, List<SqlStatement> statements) implements Serializable {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|\\S");
    private static final Pattern OPTION = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*'((?:[^']|'')*)'");

    public SqlScript {
        Require.nonBlank(origin, "origin");
        statements = List.copyOf(Require.nonNull(statements, "statements"));
        if (statements.isEmpty()) {
            throw new SqlScriptException(origin + ": no statement");
        }
    }

    /** Reads and parses a script file; its file name is the origin. */
    public static SqlScript read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses {@code text}; {@code origin} names it in messages. */
    public static SqlScript parse(String origin, String text) {
        Require.nonNull(text, "text");
        Source source = new Source(origin, text);
        List<SqlStatement> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> topics = new HashSet<>();
        for (int[] range : source.statements()) {
            SqlStatement s = statement(source, out.size() + 1, range[0], range[1]);
            if (!names.add(s.name().toLowerCase(Locale.ROOT))) {
                throw s.error("the name " + s.name() + " is used by an earlier statement");
            }
            if (!topics.add(s.topic())) {
                throw s.error("the topic " + s.topic() + " is written by an earlier statement");
            }
            out.add(s);
        }
        return new SqlScript(origin, out);
    }

    private static SqlStatement statement(Source src, int number, int start, int end) {
        Cursor c = new Cursor(src, number, start, end);
        c.expectWord("CREATE", "a statement must be CREATE STREAM <name> AS SELECT ... or CREATE TABLE <name> AS SELECT ...");
        String kindWord = c.word();
        SqlStatement.Kind kind = switch (kindWord.toUpperCase(Locale.ROOT)) {
            case "STREAM" -> SqlStatement.Kind.STREAM;
            case "TABLE" -> SqlStatement.Kind.TABLE;
            default -> throw c.error("expected STREAM or TABLE after CREATE, found '" + kindWord + "'");
        };
        String name = c.word();
        if (!NAME.matcher(name).matches() || name.equalsIgnoreCase("IF")) {
            throw c.error("expected the " + kind.name().toLowerCase(Locale.ROOT) + "'s name after CREATE " + kind + ", found '" + name + "'"
                    + (name.equalsIgnoreCase("IF") ? " (IF NOT EXISTS is not needed: each query resumes from its checkpoint)" : ""));
        }
        String topic = name;
        String next = c.word();
        if (next.equalsIgnoreCase("WITH")) {
            topic = c.options(name);
            next = c.word();
        }
        if (!next.equalsIgnoreCase("AS")) {
            throw c.error("expected AS SELECT ... after CREATE " + kind + " " + name + ", found '" + next + "'");
        }
        c.skipSpace();
        int selectAt = c.at;
        c.wordAt = selectAt;
        String select = src.text.substring(selectAt, end).strip();
        if (!c.peekWord().equalsIgnoreCase("SELECT")) {
            throw c.error("expected a SELECT after AS, found '" + c.peekWord() + "'");
        }
        return new SqlStatement(number, kind, name, topic, select, src.where(number, selectAt), src.line(selectAt));
    }

    /** The script's text with its line starts, split into statements at top-level semicolons. */
    private record Source(String origin, String text) {

        List<int[]> statements() {
            List<int[]> ranges = new ArrayList<>();
            int start = 0;
            int i = 0;
            while (i < text.length()) {
                char ch = text.charAt(i);
                if (ch == ';') {
                    addIfNotBlank(ranges, start, i);
                    start = i + 1;
                    i++;
                } else {
                    i = skipToken(i);
                }
            }
            addIfNotBlank(ranges, start, text.length());
            return ranges;
        }

        private void addIfNotBlank(List<int[]> ranges, int start, int end) {
            int i = start;
            while (i < end) {
                int next = skipComment(i);
                if (next == i && !Character.isWhitespace(text.charAt(i))) {
                    ranges.add(new int[] {start, end});
                    return;
                }
                i = next == i ? i + 1 : next;
            }
        }

        /** The index after the token at {@code i}: a comment, a quoted text, or one character. */
        int skipToken(int i) {
            int after = skipComment(i);
            if (after != i) {
                return after;
            }
            char ch = text.charAt(i);
            if (ch == '\'' || ch == '"' || ch == '`') {
                int close = text.indexOf(ch, i + 1);
                return close < 0 ? text.length() : close + 1; // '' inside quotes: two quoted runs, same effect
            }
            return i + 1;
        }

        /** The index after a comment that starts at {@code i}, or {@code i}. */
        int skipComment(int i) {
            if (text.startsWith("--", i)) {
                int eol = text.indexOf('\n', i);
                return eol < 0 ? text.length() : eol + 1;
            }
            if (text.startsWith("/*", i)) {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) {
                    throw new SqlScriptException(origin + " line " + line(i) + ", column " + column(i) + ": a /* comment is never closed");
                }
                return close + 2;
            }
            return i;
        }

        int line(int offset) {
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            return line;
        }

        int column(int offset) {
            return offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
        }

        String where(int number, int offset) {
            return origin + " statement " + number + " (line " + line(offset) + ", column " + column(offset) + ")";
        }
    }

    /** Reads the words of one statement's head. */
    private static final class Cursor {
        private final Source src;
        private final int number;
        private final int end;
        private int at;
        private int wordAt = -1;

        Cursor(Source src, int number, int start, int end) {
            this.src = src;
            this.number = number;
            this.at = start;
            this.end = end;
        }

        void skipSpace() {
            while (at < end) {
                int next = src.skipComment(at);
                if (next != at) {
                    at = next;
                } else if (Character.isWhitespace(src.text.charAt(at))) {
                    at++;
                } else {
                    return;
                }
            }
        }

        String peekWord() {
            skipSpace();
            Matcher m = WORD.matcher(src.text).region(at, end);
            return m.lookingAt() ? m.group() : "end of statement";
        }

        String word() {
            String w = peekWord();
            wordAt = at;
            at = Math.min(end, at + (w.equals("end of statement") ? 0 : w.length()));
            return w;
        }

        void expectWord(String expected, String what) {
            String w = word();
            if (!w.equalsIgnoreCase(expected)) {
                throw error(what + "; found '" + w + "'");
            }
        }

        /** {@code ( topic = '...' )}, after WITH: the topic. */
        String options(String name) {
            if (!word().equals("(")) {
                throw error("expected ( after WITH");
            }
            skipSpace();
            wordAt = at;
            Matcher m = OPTION.matcher(src.text).region(at, end);
            if (!m.lookingAt()) {
                throw error("expected topic = '<topic>' inside WITH ( ... )");
            }
            if (!m.group(1).equalsIgnoreCase("topic")) {
                throw error("unknown option " + m.group(1) + " (the one option is topic)");
            }
            at = m.end();
            String topic = m.group(2).replace("''", "'");
            if (topic.isBlank()) {
                throw error("the topic of " + name + " is empty");
            }
            if (!word().equals(")")) {
                throw error("expected ) after the topic (the one option is topic)");
            }
            return topic;
        }

        SqlScriptException error(String what) {
            return new SqlScriptException(src.where(number, wordAt >= 0 ? wordAt : at) + ": " + what);
        }
    }
}
