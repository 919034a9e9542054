job "hooks" {
  datacenters = ["dc1"]

  group "hooks" {
    network {
      port "http" {
        static = 9080
      }
    }

    task "webhook" {
      driver = "raw_exec"

      config {
        command = "/opt/webhook/webhook"
        args    = ["-hooks", "local/hooks.json", "-port", "9080"]
      }

      template {
        destination = "local/hooks.json"
        data        = <<EOT
[{ "id": "restore", "execute-command": "local/restore.sh",
   "trigger-rule": { "match": { "type": "regex", "regex": "/snapshots/.*", "parameter": { "source": "payload", "name": "path" } } } }]
EOT
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}
