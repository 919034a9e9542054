# Workload identities: a named one written to the secrets dir for a cloud token exchange, the
# default one as an env var, and one only Nomad uses.
job "uploader" {
  datacenters = ["dc1"]

  group "upload" {
    task "upload" {
      driver = "docker"

      config {
        image = "example/uploader:3"
      }

      identity {
        env = true
      }

      identity {
        name = "cloud"
        file = true
        aud  = ["cloud-pool"]
        ttl  = "1h"
      }

      identity {
        name     = "storage"
        file     = true
        aud      = ["storage"]
        filepath = "local/storage.jwt"
      }

      identity {
        name = "vault_default"
        aud  = ["vault.io"]
      }

      template {
        data        = <<EOF
{"credential_source": {"file": "/secrets/nomad_cloud.jwt"}}
EOF
        destination = "local/cred.json"
      }
    }
  }
}
