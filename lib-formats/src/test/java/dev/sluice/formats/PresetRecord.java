package dev.sluice.formats;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecordBase;

/** A specific record written by hand whose constructor fills its list: Avro's reader reads into that list. */
public class PresetRecord extends SpecificRecordBase {

    public static final Schema SCHEMA = SchemaBuilder.record("PresetRecord").namespace("dev.sluice.formats").fields()
            .name("xs").type().array().items().intType().noDefault().endRecord();

    private List<Integer> xs = new ArrayList<>();

    @Override
    public Schema getSchema() {
        return SCHEMA;
    }

    @Override
    public Object get(int field) {
        return xs;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void put(int field, Object value) {
        xs = (List<Integer>) value;
    }
}
