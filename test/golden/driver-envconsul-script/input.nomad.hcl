# A periodic backup through envconsul: the program reads its env from Consul KV of the local agent
# and is a script on the node's disk; both are blocking steps, with the prefixes and the script named.
job "kv_backup" {
  datacenters = ["dc1"]
  type        = "batch"

  periodic {
    cron             = "0 3 * * *"
    prohibit_overlap = true
  }

  group "backup" {
    task "backup" {
      driver = "raw_exec"

      config {
        command = "/usr/local/bin/envconsul"
        args    = ["-prefix=storage/", "-prefix", "backups/kv/", "-once", "/usr/local/bin/kv_backup.sh"]
      }

      resources {
        cpu    = 100
        memory = 128
      }
    }
  }
}
