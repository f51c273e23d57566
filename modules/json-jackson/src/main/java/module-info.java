/**
 * A {@link io.sqlitekit.spi.json.JsonCodec} on Jackson 3: put this module on the path and every kit, the
 * migrator and the audit plugin use it instead of the built-in codec, with no code change. JSON columns then
 * read into records, POJOs and generic types; untyped values and the written text stay those of the built-in
 * codec, so a database written by one reads the same through the other.
 *
 * @provides io.sqlitekit.spi.json.JsonCodec {@link io.sqlitekit.json.jackson.JacksonJsonCodec}
 * @since 0.2.0
 */
module io.sqlitekit.json.jackson {
  // JacksonJsonCodec implements JsonCodec and throws JsonCodecException; both belong to its API.
  requires transitive io.sqlitekit.spi;
  // JacksonJsonCodec(JsonMapper) and mapperBuilder() expose Jackson's mapper types.
  requires transitive tools.jackson.databind;
  // The built-in codec's number formatting and untyped-target rules, which this codec must match.
  requires io.sqlitekit.support;

  exports io.sqlitekit.json.jackson;

  provides io.sqlitekit.spi.json.JsonCodec with io.sqlitekit.json.jackson.JacksonJsonCodec;
}
