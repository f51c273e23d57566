#!/bin/sh
# Launches the modular-app sample: lib/ (driver, plugins, their dependencies) and the application jar on the
# module path. Build first: mvn -B -q -DskipTests -pl samples/modular-app -am package
# Usage: run.sh [config file, default plugins.conf next to this script] [database file, default ./modular.db]
set -e
here=$(cd "$(dirname "$0")" && pwd)
app_jar=$(ls "$here"/target/sqlitekit-sample-modular-app-*.jar | head -n 1)
exec java --enable-native-access=org.xerial.sqlitejdbc \
  --module-path "$here/target/lib:$app_jar" \
  --module io.sqlitekit.sample.modular/io.sqlitekit.sample.modular.ModularApp \
  "${1:-$here/plugins.conf}" "${2:-modular.db}"
