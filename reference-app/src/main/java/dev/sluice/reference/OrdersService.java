package dev.sluice.reference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.embedded.PostgresService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The demo's own orders service: an {@code orders} table in embedded PostgreSQL, written by
 * {@link #placeAndShip} (each order inserted as new, then paid, then shipped: three changes), and a
 * listing API, {@code GET /orders?since=V&after=V&limit=N}: orders whose version is above both, in
 * version order, with {@code next} the last version of a full page. One writer, so versions commit
 * in order and the version is a safe watermark.
 */
final class OrdersService implements AutoCloseable {

    static final String TABLE = "orders";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostgresService db;
    private final HttpServer http;

    private OrdersService(PostgresService db, HttpServer http) {
        this.db = db;
        this.http = http;
    }

    static OrdersService start() throws Exception {
        PostgresService db = PostgresService.start();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("CREATE SEQUENCE order_version");
            st.execute("CREATE TABLE " + TABLE + " (id bigint PRIMARY KEY, customer_id text NOT NULL, status text NOT NULL, "
                    + "amount_cents bigint NOT NULL, version bigint NOT NULL)");
            st.execute("ALTER TABLE " + TABLE + " REPLICA IDENTITY FULL"); // updates carry the row before
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        OrdersService service = new OrdersService(db, http);
        http.createContext("/orders", service::list);
        http.start();
        return service;
    }

    PostgresService database() {
        return db;
    }

    URI listingUrl() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/orders");
    }

    /** Places {@code n} orders; order i is paid after order i+1 is placed and shipped after order i+2. Returns the changes made. */
    long placeAndShip(int n) throws SQLException {
        return placeAndShip(n, () -> false).changes();
    }

    /** Orders placed and the row changes made: each placed order was also paid and shipped. */
    record Placed(int orders, long changes) {}

    /**
     * Places up to {@code n} orders, paying each one and shipping it two orders later; once
     * {@code stop} says so, places no more and pays and ships those placed.
     */
    Placed placeAndShip(int n, BooleanSupplier stop) throws SQLException {
        long changes = 0;
        int last = n;
        try (Connection c = db.connect();
             PreparedStatement insert = c.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, ?, 'new', ?, nextval('order_version'))");
             PreparedStatement update = c.prepareStatement("UPDATE " + TABLE + " SET status = ?, version = nextval('order_version') WHERE id = ?")) {
            for (int i = 1; i <= last + 2; i++) {
                if (i <= last && stop.getAsBoolean()) {
                    last = i - 1;
                }
                if (i <= last) {
                    insert.setLong(1, i);
                    insert.setString(2, "c-" + i % 97);
                    insert.setLong(3, 500 + i * 37L % 20_000);
                    changes += insert.executeUpdate();
                }
                changes += set(update, "paid", i - 1, last) + set(update, "shipped", i - 2, last);
            }
        }
        return new Placed(last, changes);
    }

    private static int set(PreparedStatement update, String status, long id, int n) throws SQLException {
        if (id < 1 || id > n) {
            return 0;
        }
        update.setString(1, status);
        update.setLong(2, id);
        return update.executeUpdate();
    }

    private void list(HttpExchange ex) throws IOException {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                q.put(kv.substring(0, eq), java.net.URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        long from = Math.max(Long.parseLong(q.getOrDefault("since", "0")), Long.parseLong(q.getOrDefault("after", "0")));
        int limit = Integer.parseInt(q.getOrDefault("limit", "100"));
        ObjectNode page = JSON.createObjectNode();
        ArrayNode items = page.putArray("items");
        long last = 0;
        try (Connection c = db.connect(); PreparedStatement st = c.prepareStatement("SELECT id, customer_id, status, amount_cents, version FROM "
                + TABLE + " WHERE version > ? ORDER BY version LIMIT ?")) {
            st.setLong(1, from);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    last = rs.getLong(5);
                    items.addObject().put("id", rs.getLong(1)).put("customerId", rs.getString(2)).put("status", rs.getString(3))
                            .put("amountCents", rs.getLong(4)).put("version", last);
                }
            }
        } catch (SQLException e) {
            HttpReplies.send(ex, 503, "application/json", "{\"error\":\"database unavailable\"}");
            return;
        }
        if (items.size() == limit) {
            page.put("next", Long.toString(last));
        } else {
            page.putNull("next");
        }
        HttpReplies.send(ex, 200, "application/json", page.toString());
    }

    @Override
    public void close() throws Exception {
        http.stop(0);
        db.close();
    }
}
