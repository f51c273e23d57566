package io.sqlitekit.spi.table;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The document mapper: a defensive, insertion-ordered copy in both directions. */
enum DocumentRowMapper implements RowMapper<Map<String, Object>> {
  INSTANCE;

  @Override
  public boolean toFieldsReturnsFreshMap() {
    return true;
  }

  @Override
  public Map<String, Object> toFields(Map<String, Object> entity) {
    return new LinkedHashMap<>(entity);
  }

  @Override
  public Map<String, Object> fromFields(Map<String, Object> fields) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  @Override
  public boolean nullMeansAbsent() {
    return false;
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Class<Map<String, Object>> type() {
    return (Class) Map.class;
  }
}
