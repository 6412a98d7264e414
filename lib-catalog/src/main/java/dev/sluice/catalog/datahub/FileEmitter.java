package dev.sluice.catalog.datahub;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sluice.api.Require;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes proposals to a JSON file that {@code datahub ingest} reads with its {@code file} source:
 * one array of proposals. The whole file is rewritten through a temporary sibling and an atomic
 * move on every emit, so a reader never sees half an array.
 */
public final class FileEmitter implements ProposalEmitter {

    private final Path file;
    private final ArrayNode all = Proposal.JSON.createArrayNode();

    public FileEmitter(Path file) {
        this.file = Require.nonNull(file, "file");
    }

    @Override
    public synchronized void emit(List<Proposal> proposals) {
        proposals.forEach(p -> all.add(p.toJson()));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Proposal.JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), all);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EmitException("cannot write " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        // every emit already left a complete file
    }
}
