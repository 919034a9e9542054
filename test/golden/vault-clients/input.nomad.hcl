# Tasks that talked to Vault with the token Nomad gave them: an app given VAULT_ADDR (the node's
# local agent), a backup running the vault CLI, one asking for VAULT_TOKEN without templates. Not
# them: a task whose only Vault use is a secret template, and a Vault server.
job "vault-users" {
  type = "batch"

  vault {
    policies = ["backup"]
  }

  group "renew" {
    vault {
      policies = ["acme", "dns-iam"]
    }

    task "certbot" {
      driver = "docker"

      config {
        image = "example/certbot-vault:2"
        args  = ["renew"]
      }

      env {
        VAULT_ADDR = "http://localhost:8200"
      }

      template {
        data        = <<EOF
{{ with secret "secret/data/dns" }}
DNS_TOKEN={{ .Data.data.token }}
{{ end }}
EOF
        destination = "secrets/dns.env"
        env         = true
      }
    }
  }

  group "backup" {
    task "snapshot" {
      driver = "docker"

      config {
        image   = "hashicorp/vault:1.17"
        command = "/bin/vault"
        args    = ["operator", "raft", "snapshot", "save", "/backup/vault.snap"]
      }
    }

    task "token-user" {
      driver = "docker"

      vault {
        policies = ["reader"]
        env      = true
      }

      config {
        image = "example/reader:1"
      }
    }

    task "templated" {
      driver = "docker"

      config {
        image = "example/templated:1"
      }

      template {
        data        = <<EOF
{{ with secret "secret/data/templated" }}
TOKEN={{ .Data.data.token }}
{{ end }}
EOF
        destination = "secrets/app.env"
        env         = true
      }
    }

    task "server" {
      driver = "docker"

      config {
        image = "hashicorp/vault:1.17"
        args  = ["server", "-config=/local/vault.hcl"]
      }

      env {
        VAULT_ADDR = "http://127.0.0.1:8200"
      }
    }
  }
}
