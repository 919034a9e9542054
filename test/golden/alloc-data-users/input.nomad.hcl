# Apps that keep state in Nomad's alloc/data and alloc/tmp: the directories exist, shared by
# the group's containers, as Nomad creates them.
job "vector" {
  group "vector" {
    task "vector" {
      driver = "docker"

      config {
        image = "timberio/vector:0.34.1-alpine"
        args  = ["--config", "/local/vector.toml"]
      }

      template {
        data        = <<EOF
data_dir = "{{ env "NOMAD_ALLOC_DIR" }}/data/vector"
[sources.logs]
type = "file"
include = ["/alloc/logs/*.stdout.*"]
EOF
        destination = "local/vector.toml"
      }
    }

    task "valkey" {
      driver = "docker"

      lifecycle {
        hook    = "prestart"
        sidecar = true
      }

      config {
        image = "valkey/valkey:7.2"
        args  = ["valkey-server", "--dir", "/alloc/data/valkey", "--tmpdir", "/alloc/tmp"]
      }
    }
  }
}
