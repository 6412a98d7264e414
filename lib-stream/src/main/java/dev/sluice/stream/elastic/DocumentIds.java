package dev.sluice.stream.elastic;

import dev.sluice.api.Envelope;
import dev.sluice.api.Position;
import dev.sluice.api.Require;
import dev.sluice.api.error.DataException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.avro.generic.IndexedRecord;

/**
 * How a document's {@code _id} is made, so that writing a record again (a replay after a crash,
 * a rebalance) overwrites its document instead of adding a second one: the index holds each record
 * once although the runtime delivers at least once.
 *
 * <ul>
 *   <li>{@link #keyOrPosition()} (the default): the record key when it has one, else the source
 *       position {@code <topic>-<partition>-<offset>}.</li>
 *   <li>{@link #field(String)}: a top-level field of the value (an event id); a tombstone, having no
 *       value, deletes the document named by its key.</li>
 *   <li>{@link #position()}: always the source position (every record its own document, even for equal keys).</li>
 * </ul>
 * A record with neither key nor Kafka position gets an id from the cluster (see {@link #idFor}).
 * Keys are read as UTF-8 text; a key that is not valid UTF-8 becomes its URL-safe base64.
 *
 * @param field for {@link #field(String)}, the value's field; else null
 * @param useKey whether the key names the document when present
 */
public record DocumentIds(String field, boolean useKey) implements Serializable {

    private static final long serialVersionUID = 1L;

    public DocumentIds {
        if (field != null) {
            Require.nonBlank(field, "field");
        }
    }

    public static DocumentIds keyOrPosition() {
        return new DocumentIds(null, true);
    }

    public static DocumentIds field(String name) {
        return new DocumentIds(Require.nonBlank(name, "field"), true);
    }

    public static DocumentIds position() {
        return new DocumentIds(null, false);
    }

    /**
     * The id of {@code record}'s document; null to let the cluster assign one, for a record that
     * has neither key nor Kafka position (built in memory, from another source): such records are
     * indexed at least once, as a replay cannot name their documents.
     *
     * @throws DataException when the record must name a document and does not: a tombstone
     *     without a key, a null id field
     */
    String idFor(Envelope<? extends IndexedRecord> record) {
        IndexedRecord value = record.value();
        if (value == null) {
            if (record.key() == null) {
                throw new DataException("a tombstone without a key names no document to delete", "no_document_id", null);
            }
            return keyText(record.key());
        }
        if (field != null) {
            Object v = value.get(value.getSchema().getField(field).pos());
            if (v == null) {
                throw new DataException("the document id field \"" + field + "\" is null", "no_document_id", null);
            }
            return v.toString();
        }
        if (useKey && record.key() != null) {
            return keyText(record.key());
        }
        if (record.position() instanceof Position.Kafka k) {
            return k.topic() + "-" + k.partition() + "-" + k.offset();
        }
        return null;
    }

    private static String keyText(byte[] key) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString();
        } catch (CharacterCodingException e) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        }
    }
}
