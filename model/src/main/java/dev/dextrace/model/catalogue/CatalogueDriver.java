package dev.dextrace.model.catalogue;

import dev.dextrace.model.driver.IOUserSCSIParallelInterfaceController;

/** What every catalogue design shares: its task count N, four by default so scenarios reissue slots. */
public abstract class CatalogueDriver extends IOUserSCSIParallelInterfaceController {
    public static final int DEFAULT_TASK_COUNT = 4;

    protected final int maxTaskCount;

    protected CatalogueDriver(int maxTaskCount) {
        this.maxTaskCount = maxTaskCount;
    }

    @Override
    public int UserReportMaximumTaskCount() {
        return maxTaskCount;
    }
}
