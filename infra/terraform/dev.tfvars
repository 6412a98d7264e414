environment         = "dev"
node_instance_types = ["m6i.large"]
node_count          = { desired = 2, min = 2, max = 4 }
lake_retention_days = 14
