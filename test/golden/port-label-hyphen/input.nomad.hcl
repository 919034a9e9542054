# Port labels with hyphens: Nomad names their env vars with `_` (NOMAD_PORT_s3_api).
job "objects" {
  group "store" {
    network {
      port "s3-api" {
        to = 9000
      }
      port "admin-ui" {
        to = 9001
      }
    }

    service {
      name = "objects-s3"
      port = "s3-api"
    }

    task "store" {
      driver = "docker"

      config {
        image = "example/object-store:2024.1"
        ports = ["s3-api", "admin-ui"]
        args  = ["serve", "/data", "--address", "0.0.0.0:$${NOMAD_PORT_s3_api}", "--console-address", ":${NOMAD_ALLOC_PORT_admin_ui}"]
      }

      env {
        ADMIN_PORT = "${NOMAD_HOST_PORT_admin_ui}"
      }

      template {
        data        = <<EOF
upstream s3 {
  server 127.0.0.1:{{ env "NOMAD_PORT_s3_api" }};
}
EOF
        destination = "local/upstream.conf"
      }
    }
  }
}
