# Secret material that comes from the job itself, not from Vault: env files and keys given as
# job variables, files under secrets/, credential-like env names (`*_PASS` too; not a switch or a key file's path). Plus a Vault dynamic secret
# with a ttl parameter, template functions that can be rendered, and a workload identity file.
variable "cache_env" {
  type        = string
  description = "Base64 env file of the cache"
}

variable "signing_private_key" {
  type = string
}

variable "banner_text" {
  type = string
}

job "vaultless" {
  datacenters = ["dc1"]

  meta {
    greeting = "hello"
    dbpass   = "from-meta"
  }

  group "app" {
    network {
      port "http" {
        to = 8080
      }
    }

    task "cache" {
      driver = "docker"

      config {
        image = "redis:7"
        args  = ["--requirepass", "$${CACHE_PASSWORD}"]
      }

      template {
        data        = base64decode(var.cache_env)
        destination = "secrets/cache.env"
        env         = true
      }
    }

    task "web" {
      driver = "docker"

      config {
        image = "example/web:2.1"
        ports = ["http"]
      }

      env {
        RABBITMQ_DEFAULT_PASS      = "guest-pass"
        MYSQL_ALLOW_EMPTY_PASSWORD = "yes"
        TLS_PRIVATE_KEY            = "/secrets/tls.key"
      }

      identity {
        name = "cloud"
        file = true
        aud  = ["cloud"]
      }

      template {
        data        = var.signing_private_key
        destination = "local/signing.pem"
        perms       = "0400"
      }

      template {
        data        = <<EOF
[auth]
shared = "static-but-secret"
EOF
        destination = "secrets/auth.ini"
      }

      template {
        data        = <<EOF
LOG_LEVEL=info
API_TOKEN=abc123
DB_PASS=s3cr3t-pass
QUEUE_PASS={{ env "NOMAD_META_dbpass" }}
EOF
        destination = "local/web.env"
        env         = true
      }

      template {
        data        = <<EOF
greeting: {{ env "NOMAD_META_greeting" | or "hi" }}
retries: {{ env "RETRIES" | or "3" }}
banner: {{ base64Decode "${base64encode(var.banner_text)}" }}
motd: {{ base64Decode "d2VsY29tZQ==" }}
started: {{ timestamp }}
EOF
        destination = "local/web.yaml"
      }

      template {
        data        = <<EOF
{{ with secret "aws/sts/uploader" "ttl=30m" }}
AWS_ACCESS_KEY_ID={{ .Data.access_key }}
AWS_SECRET_ACCESS_KEY={{ .Data.secret_key }}
{{ end }}
EOF
        destination = "secrets/aws.env"
        env         = true
      }
    }
  }
}
