# Fabio reads Consul by default: an edge router, skipped.
job "lb" {
  type = "system"

  group "fabio" {
    task "fabio" {
      driver = "docker"

      config {
        image        = "fabiolb/fabio:1.6.3"
        network_mode = "host"
        args         = ["-proxy.addr", ":9999,:5432;proto=tcp"]
      }
    }
  }
}
