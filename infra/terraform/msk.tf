# Optional MSK; with create_msk = false the app points at Strimzi or an existing cluster.
resource "aws_security_group" "msk" {
  count       = var.create_msk ? 1 : 0
  name        = "${local.name}-msk"
  description = "Kafka from the EKS nodes"
  vpc_id      = module.vpc.vpc_id

  ingress {
    description     = "Kafka TLS and IAM auth from the cluster's nodes"
    from_port       = 9094
    to_port         = 9098
    protocol        = "tcp"
    security_groups = [module.eks.node_security_group_id]
  }
}

resource "aws_msk_cluster" "this" {
  count                  = var.create_msk ? 1 : 0
  cluster_name           = local.name
  kafka_version          = "3.9.x"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = var.msk_broker_instance_type
    client_subnets  = module.vpc.private_subnets
    security_groups = [aws_security_group.msk[0].id]
    storage_info {
      ebs_storage_info {
        volume_size = 500
      }
    }
  }

  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  client_authentication {
    sasl {
      iam = true
    }
  }
}
